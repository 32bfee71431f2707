import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** How senders prove a delivery is theirs; every comparison takes the same time whatever the input. */

/** Tally's `Tally-Signature`: base64(HMAC-SHA256(secret, raw body)), computed over the bytes as received. */
export function tallySignatureValid(secret: string, rawBody: Buffer, header: string): boolean {
	const expected = createHmac('sha256', secret).update(rawBody).digest();
	const given = Buffer.from(header.trim(), 'base64');
	return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A shared secret sent as is (n8n's header, Google's channel token): both sides are hashed first, so lengths never differ. */
export function sameSecret(given: string, expected: string): boolean {
	const digest = (value: string) => createHash('sha256').update(value).digest();
	return timingSafeEqual(digest(given), digest(expected));
}

// The classes node:http builds for each request: plugin-api's, under names of our own.
import { ApiRequest, ApiResponse } from '@sapphire/plugin-api';

/*
 * plugin-api's build names its classes with Object.defineProperty(Class, 'name', …). On a class node:http
 * instantiates for every request, V8 then aborts each optimisation of the class's constructor and of node's
 * parserOnIncoming and parserOnHeadersComplete ("dependency change": a map it relied on changed) and starts
 * again, for as long as requests come: a compiler thread kept busy and the request path left unoptimised.
 * Subclasses declared here are never renamed, and V8 optimises them once (--trace-opt-verbose).
 */
export class MonsterRequest extends ApiRequest {}
export class MonsterResponse extends ApiResponse {}

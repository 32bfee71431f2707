/**
 * The UI kit, which the plugin kit re-exports whole: plugins take it from there,
 * `import { paginate, registerPager } from '#core/plugin-kit.ts'`.
 * Component custom ids starting with `ui:` are reserved for it.
 */
export { escapeUserText } from './escape.ts';
export { paginate, registerPager, slicePage, type PageRenderer, type PageRequest, type PageView, type PaginateOptions } from './pager.ts';
export { confirm, registerConfirmAction, type ConfirmAction, type ConfirmOptions, type ConfirmOutcome, type ConfirmRequest } from './confirm.ts';
export {
	buildModal,
	openForm,
	registerForm,
	validateForm,
	type FormDefinition,
	type FormField,
	type FormResult,
	type FormSubmission,
	type OpenFormOptions
} from './form.ts';
export { buildSelect, requestedSelectPage, type SelectChoice, type SelectOptions } from './select.ts';
export { respondWithMessage } from './respond.ts';
export type { UiTarget } from './target.ts';

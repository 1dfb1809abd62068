// The notices of application handling: templates (built-in, agency-edited, validated) and their rendering.
export * from './templates.ts';
export * from './render.ts';

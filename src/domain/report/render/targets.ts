// The formats a report is rendered to: a leaf module, so that the command line can list them
// (`gongkai report render --to`) without loading the renderers.

/** What the pure renderers of index.ts write. */
export type DocumentTarget = 'html' | 'docx' | 'xlsx' | 'md' | 'text';

/** Every format a report is rendered to: 'pdf' is the print page (print.ts) printed by a browser (services/pdf). */
export type RenderTarget = DocumentTarget | 'pdf';

export const RENDER_TARGETS: readonly RenderTarget[] = ['html', 'docx', 'xlsx', 'md', 'text', 'pdf'];

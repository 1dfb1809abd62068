// sanitize-html (with postcss and htmlparser2 behind it), loaded on the first body it cleans rather than
// with every page and command that imports the catalogue (domain/packages.ts).

import type sanitizeHtmlType from 'sanitize-html';
import { loadPackage } from '../../domain/packages.ts';

export type SanitizeOptions = sanitizeHtmlType.IOptions;

/** `html` cleaned to what `options` allow. */
export function sanitizeHtml(html: string, options: SanitizeOptions): string {
  return loadPackage<typeof sanitizeHtmlType>('sanitize-html')(html, options);
}

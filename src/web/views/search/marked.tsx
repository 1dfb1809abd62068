// A text split into marked and plain segments (domain/search/query.ts snippet) as JSX: <mark> around the
// query's words, everything else as text (hono/jsx escapes it: never raw HTML). Pure.

import type { Segment } from '../../../domain/search/query.ts';

export function Marked(props: { segments: readonly Segment[] }) {
  return <>{props.segments.map((s) => (s.mark ? <mark>{s.text}</mark> : s.text))}</>;
}

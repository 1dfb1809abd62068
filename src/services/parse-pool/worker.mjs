// The entry of a parse worker thread (piscina loads it): registers tsx — the project runs TypeScript
// without a compile step, and a worker does not inherit its parent's loaders — then hands each task to
// tasks.ts. Plain JavaScript, so it loads whatever started the parent process.
import { register } from 'tsx/esm/api';

register();
const { runTask } = await import('./tasks.ts');

export default runTask;

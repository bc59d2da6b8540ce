import { GLOBAL_SECTION } from '../config/load-config.js';

/**
 * Component names for project directories, in the same order: each directory's own name made
 * valid (`[A-Za-z0-9][A-Za-z0-9._-]*`, no `..`: other characters become `-`), the root's from
 * `rootName`. Names are unique ignoring case, since they become labels and log file names:
 * when two directories share a name, both take their whole path (`services-api`,
 * `legacy-api`), and a name still taken gets `-2`, `-3`…. `abe`, the global section, is
 * never a component name.
 *
 * @example
 * nameComponents(['services/api', 'legacy/api', 'web'], 'shop'); // ['services-api', 'legacy-api', 'web']
 * nameComponents(['.'], 'my shop'); // ['my-shop']
 */
export function nameComponents(paths: readonly string[], rootName: string): string[] {
  const own = paths.map((path) => validName(path === '.' ? rootName : lastSegment(path)));
  const counts = new Map<string, number>();
  for (const name of own) counts.set(name.toLowerCase(), (counts.get(name.toLowerCase()) ?? 0) + 1);
  const taken = new Set<string>();
  return own.map((name, index) => {
    const path = paths[index] ?? '.';
    const shared = (counts.get(name.toLowerCase()) ?? 0) > 1 || name === GLOBAL_SECTION;
    const wanted = shared && path !== '.' ? validName(path.replaceAll('/', '-')) : name;
    let unique = wanted;
    for (let suffix = 2; taken.has(unique.toLowerCase()) || unique === GLOBAL_SECTION; suffix++) {
      unique = `${wanted}-${suffix}`;
    }
    taken.add(unique.toLowerCase());
    return unique;
  });
}

/** Text made a valid component name, or `component` when nothing of it is usable. */
export function validName(text: string): string {
  const name = text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/-+$/, '');
  return name === '' ? 'component' : name;
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

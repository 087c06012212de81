/** History-API routing: the server answers index.html for every page path. */
import { useEffect, useState } from 'preact/hooks';

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path); else history.pushState(null, '', path);
  window.dispatchEvent(new Event('tz:navigate'));
}

export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const on = () => setPath(location.pathname);
    window.addEventListener('popstate', on);
    window.addEventListener('tz:navigate', on);
    return () => { window.removeEventListener('popstate', on); window.removeEventListener('tz:navigate', on); };
  }, []);
  return path;
}

export function Link(props: { href: string; children: preact.ComponentChildren; class?: string }) {
  return <a href={props.href} class={props.class} onClick={(e) => { e.preventDefault(); navigate(props.href); }}>{props.children}</a>;
}

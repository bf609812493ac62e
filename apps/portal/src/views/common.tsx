import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

let firstView = true;

/**
 * A view's main heading. When the citizen moves to another view, focus goes to its heading and
 * the page scrolls to the top, so screen-reader and keyboard users start where the eye does;
 * the first view of a visit is left alone.
 */
export function ViewHeading(props: { level?: 1 | 2; children: ComponentChildren; class?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (firstView) {
      firstView = false;
      return;
    }
    window.scrollTo(0, 0);
    ref.current?.focus();
  }, []);
  const Tag = props.level === 2 ? 'h2' : 'h1';
  return (
    <Tag ref={ref} tabIndex={-1} class={props.class}>
      {props.children}
    </Tag>
  );
}

/** An error or warning announced when it appears. */
export function Alert(props: { id?: string; kind?: 'error' | 'warning' | 'info'; children: ComponentChildren }) {
  const kind = props.kind ?? 'error';
  return (
    <div id={props.id} tabIndex={props.id ? -1 : undefined} class={`alert alert-${kind}`} role={kind === 'info' ? 'status' : 'alert'}>
      {props.children}
    </div>
  );
}

/** The field's error, tied to it by id through aria-describedby. */
export function FieldError(props: { id: string; message?: string }) {
  if (!props.message) return null;
  return (
    <p id={props.id} class="field-error" role="alert">
      {props.message}
    </p>
  );
}

/** Ids joined for aria-describedby, leaving out the ones not shown. */
export const describedBy = (...ids: (string | false | undefined)[]): string | undefined => ids.filter(Boolean).join(' ') || undefined;

/** The page frame: a slim top bar (the city's mark) and the content. */
export function Shell(props: { children: ComponentChildren }) {
  return (
    <>
      <header class="topbar">
        <span class="mark" aria-hidden="true">
          评
        </span>
        <span>公众评估</span>
      </header>
      <main id="main" class="content">
        {props.children}
      </main>
    </>
  );
}

/** Plain text with its line breaks kept. */
export function Paragraphs(props: { text: string; class?: string }) {
  const lines = props.text.split(/\n+/).filter((l) => l.trim());
  return (
    <>
      {lines.map((l, i) => (
        <p key={i} class={props.class}>
          {l}
        </p>
      ))}
    </>
  );
}

/** The ticket page of a campaign, with the code filled in when known. */
export const ticketPath = (slug: string, code?: string) => `/p/${encodeURIComponent(slug)}/ticket${code ? `?code=${encodeURIComponent(code)}` : ''}`;

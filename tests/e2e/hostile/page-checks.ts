import type { Page } from '@playwright/test';

/** What a loaded page shows of hostile input that would have run or been taken as markup. */
export type PageReport = {
  /** `typeof window.__xss`: "undefined" unless a payload ran. */
  xssFlag: string;
  /** Elements with the id `xss-injected`. */
  injected: number;
  /** Scripts that are not Next's own (its chunks, its inline flight data) or the one JSON-LD block. */
  foreignScripts: string[];
  jsonLd: string[];
  /** Elements anywhere with an inline event handler attribute (`onerror`, `onload`…). */
  inlineHandlers: string[];
  /** `javascript:` or `vbscript:` in a URL attribute (or `data:` in the comments), `srcdoc`, or script in a style. */
  unsafeUrls: string[];
  /** Elements inside the comments that their markup never uses. */
  unexpectedCommentTags: string[];
  /** Links inside the comments that are neither http(s) nor the site's own anchors. */
  unexpectedCommentLinks: string[];
};

/** Inspects the live DOM (after hydration when JavaScript is on). */
export function inspectPage(page: Page): Promise<PageReport> {
  return page.evaluate(() => {
    const describe = (element: Element) => element.outerHTML.slice(0, 200);
    // Next's inline scripts: the Turbopack chunk list, the flight data, React's streaming helpers.
    const NEXT_INLINE = /^(\(self\.__next_f=self\.__next_f\|\|\[\]\)\.push\(|self\.__next_f\.push\(|\(globalThis\["TURBOPACK"\]|\$R[A-Z]|requestAnimationFrame\(function\(\)\{\$RT)/;
    const isNextScript = (script: HTMLScriptElement) => {
      const src = script.getAttribute('src');
      if (src !== null) {
        const url = new URL(src, location.href);
        return url.origin === location.origin && url.pathname.startsWith('/_next/static/');
      }
      return !script.type && NEXT_INLINE.test(script.text);
    };
    // React gives a form whose action is a function (the comment form, once re-rendered in the
    // browser) this action, so that a plain submit() fails loudly instead of leaving the page.
    const isReactFormGuard = (element: Element, name: string, value: string) =>
      element.tagName === 'FORM' && name === 'action' && value.startsWith("javascript:throw new Error('A React form was unexpectedly submitted.");
    const scripts = [...document.querySelectorAll('script')];
    const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcset', 'ping', 'cite']);
    // The URL parser ignores ASCII whitespace and control characters: "java\tscript:" is "javascript:".
    const normalise = (value: string) => value.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
    const inlineHandlers: string[] = [];
    const unsafeUrls: string[] = [];
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith('on')) inlineHandlers.push(describe(element));
        if (name === 'srcdoc') unsafeUrls.push(describe(element));
        if (URL_ATTRIBUTES.has(name) && !isReactFormGuard(element, name, attribute.value)) {
          const url = normalise(attribute.value);
          // data: stays allowed for the site's own images (its icon); never inside the comments.
          if (/^(javascript|vbscript):/.test(url) || (url.startsWith('data:') && element.closest('.comments, .comment'))) unsafeUrls.push(describe(element));
        }
        if (name === 'style' && /expression\(|javascript:/i.test(attribute.value)) unsafeUrls.push(describe(element));
      }
    }
    const COMMENT_TAGS = new Set(['OL', 'LI', 'ARTICLE', 'HEADER', 'SPAN', 'A', 'TIME', 'DIV', 'P', 'BR']);
    const inComments = [...new Set(document.querySelectorAll('.comment-list, .comment-list *, .comment, .comment *'))];
    // The site's own links: permalinks, reply pages, replies pages, and the writer's « Modifier » / « Supprimer ».
    const SAFE_LINK = /^(https?:\/\/|#comment-\d+$|\/articles\/[a-z0-9-]+(\/repondre\/\d+#repondre|\/commentaires\/\d+\/(reponses|modifier|supprimer))?$)/;
    return {
      xssFlag: typeof (window as unknown as { __xss?: unknown }).__xss,
      injected: document.querySelectorAll('#xss-injected').length,
      foreignScripts: scripts.filter((script) => script.type !== 'application/ld+json' && !isNextScript(script)).map(describe),
      jsonLd: scripts.filter((script) => script.type === 'application/ld+json').map((script) => script.text),
      inlineHandlers,
      unsafeUrls,
      unexpectedCommentTags: inComments.filter((element) => !COMMENT_TAGS.has(element.tagName)).map(describe),
      unexpectedCommentLinks: inComments
        .filter((element) => element.tagName === 'A' && !SAFE_LINK.test(element.getAttribute('href') ?? ''))
        .map(describe),
    };
  });
}

/** How a published comment reads on the page. */
export type ShownComment = { id: number; author: string | null; authorHref: string | null; body: string | null; bodyHrefs: string[] };

export function readComments(page: Page, ids: number[]): Promise<ShownComment[]> {
  return page.evaluate(
    (wanted) =>
      wanted.map((id) => {
        const comment = document.getElementById(`comment-${id}`);
        return {
          id,
          author: comment?.querySelector('.comment__author')?.textContent ?? null,
          authorHref: comment?.querySelector('.comment__author a')?.getAttribute('href') ?? null,
          body: comment?.querySelector('.comment__body')?.textContent ?? null,
          bodyHrefs: [...(comment?.querySelectorAll('.comment__body a') ?? [])].map((link) => link.getAttribute('href') ?? ''),
        };
      }),
    ids,
  );
}

import { Fragment } from 'react';
import { splitLinks } from '@/lib/comments/links';

/** A comment's plain text: paragraphs, line breaks and web links. Never parsed as HTML. */
export function CommentBody({ body }: { body: string }) {
  const paragraphs = body.split(/\n{2,}/).filter((paragraph) => paragraph.trim() !== '');
  return (
    <div className="comment__body">
      {paragraphs.map((paragraph, index) => (
        <p key={index}>
          {paragraph.split('\n').map((line, lineIndex) => (
            <Fragment key={lineIndex}>
              {lineIndex > 0 ? <br /> : null}
              {splitLinks(line).map((part, partIndex) =>
                part.kind === 'link' ? (
                  <a key={partIndex} href={part.href} rel="nofollow ugc noopener">
                    {part.text}
                  </a>
                ) : (
                  <Fragment key={partIndex}>{part.text}</Fragment>
                ),
              )}
            </Fragment>
          ))}
        </p>
      ))}
    </div>
  );
}

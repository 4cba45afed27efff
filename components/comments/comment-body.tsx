import { Fragment } from 'react';
import type { DisplayLine } from '@/lib/comments/comment-display';

/** A comment's plain text: paragraphs, line breaks and web links, cut on the server. Never parsed as HTML. */
export function CommentBody({ paragraphs }: { paragraphs: DisplayLine[][] }) {
  return (
    <div className="comment__body">
      {paragraphs.map((lines, index) => (
        <p key={index}>
          {lines.map((parts, lineIndex) => (
            <Fragment key={lineIndex}>
              {lineIndex > 0 ? <br /> : null}
              {parts.map((part, partIndex) =>
                typeof part === 'string' ? (
                  part
                ) : (
                  <a key={partIndex} href={part.href} rel="nofollow ugc noopener">
                    {part.text}
                  </a>
                ),
              )}
            </Fragment>
          ))}
        </p>
      ))}
    </div>
  );
}

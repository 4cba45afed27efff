import { ImageResponse } from 'next/og';
import type { Book } from '@/lib/book-file/parse-book-file';
import { loadOgFonts } from './fonts';

/** The size social networks expect for a large card. */
export const SHARE_IMAGE_SIZE = { width: 1200, height: 630 };

const PAPER = '#fbf8f3';
const INK = '#1f1d1a';
const MUTED = '#5b564e';
const ACCENT = '#a4361c';

/**
 * Satori measures a kerned pair like « L’ » narrower than it draws it, leaving a wide gap after the
 * word: a word joiner between the letter and the apostrophe keeps them apart, and the gap away.
 */
function fitText(text: string): string {
  return text.replace(/(\p{L})’/gu, '$1\u2060’');
}

/** The book's cover, drawn like public/cover.svg (a red cover, a thin frame, the title). */
type CoverFacts = Pick<Book, 'title' | 'subtitle' | 'author'>;

function Cover({ width, book }: { width: number; book: CoverFacts }) {
  const scale = width / 240;
  return (
    <div
      style={{
        display: 'flex',
        width,
        height: 360 * scale,
        background: ACCENT,
        padding: 12 * scale,
        boxShadow: '0 18px 40px rgba(31, 29, 26, 0.35)',
      }}
    >
      <div
        style={{
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'space-between',
          width: '100%',
          height: '100%',
          border: `${1.5 * scale}px solid ${PAPER}`,
          padding: 14 * scale,
          color: PAPER,
        }}
      >
        <div style={{ display: 'flex', flexDirection: 'column' }}>
          <div style={{ fontSize: 26 * scale, fontWeight: 700, lineHeight: 1.1 }}>{book.title}</div>
          {book.subtitle ? <div style={{ fontSize: 14 * scale, marginTop: 8 * scale }}>{fitText(book.subtitle)}</div> : null}
        </div>
        <div style={{ fontSize: 14 * scale }}>{book.author}</div>
      </div>
    </div>
  );
}

async function render(element: React.ReactElement): Promise<ImageResponse> {
  return new ImageResponse(element, { ...SHARE_IMAGE_SIZE, fonts: await loadOgFonts() });
}

/** The book's share image (home, /livre): the cover, the title and the release, as it stands. */
export function renderBookShareImage(book: CoverFacts, release: string): Promise<ImageResponse> {
  return render(
    <div style={{ display: 'flex', width: '100%', height: '100%', background: PAPER, alignItems: 'center', padding: '0 90px', fontFamily: 'DejaVu Serif', color: INK }}>
      <Cover width={280} book={book} />
      <div style={{ display: 'flex', flexDirection: 'column', marginLeft: 80, flex: 1 }}>
        <div style={{ fontSize: 76, fontWeight: 700, lineHeight: 1.05 }}>{book.title}</div>
        {book.subtitle ? <div style={{ fontSize: 40, marginTop: 12 }}>{fitText(book.subtitle)}</div> : null}
        <div style={{ fontSize: 32, marginTop: 48, color: MUTED }}>{book.author}</div>
        <div style={{ fontSize: 28, marginTop: 12, color: ACCENT }}>{release}</div>
      </div>
    </div>,
  );
}

type ArticleImage = { title: string; kicker?: string; byline: string; book: CoverFacts & Pick<Book, 'fullTitle'> };

/** An article's share image: its title and byline, with the book's cover at its side. */
export function renderArticleShareImage({ title, kicker, byline, book }: ArticleImage): Promise<ImageResponse> {
  const titleSize = title.length > 90 ? 48 : title.length > 50 ? 58 : 68;
  return render(
    <div style={{ display: 'flex', width: '100%', height: '100%', background: PAPER, fontFamily: 'DejaVu Serif', color: INK }}>
      <div style={{ display: 'flex', width: 24, height: '100%', background: ACCENT }} />
      <div style={{ display: 'flex', flexDirection: 'column', justifyContent: 'space-between', flex: 1, padding: '64px 64px 56px 72px' }}>
        <div style={{ display: 'flex', flexDirection: 'column' }}>
          {kicker ? <div style={{ fontSize: 28, color: ACCENT, marginBottom: 20 }}>{fitText(kicker)}</div> : null}
          <div style={{ fontSize: titleSize, fontWeight: 700, lineHeight: 1.12 }}>{fitText(title)}</div>
          <div style={{ fontSize: 30, color: MUTED, marginTop: 28 }}>{fitText(byline)}</div>
        </div>
        <div style={{ fontSize: 28, color: MUTED }}>{fitText(book.fullTitle)}</div>
      </div>
      <div style={{ display: 'flex', alignItems: 'center', paddingRight: 72 }}>
        <Cover width={220} book={book} />
      </div>
    </div>,
  );
}

import { readFile } from 'node:fs/promises';
import path from 'node:path';

const FONTS_DIR = path.join(process.cwd(), 'lib/og/fonts');

type OgFont = { name: string; data: Buffer; weight: 400 | 700; style: 'normal' };

let loaded: Promise<OgFont[]> | undefined;

/** DejaVu Serif, shipped in the repository (lib/og/fonts/LICENSE): no network when drawing images. */
export function loadOgFonts(): Promise<OgFont[]> {
  loaded ??= Promise.all([
    readFile(path.join(FONTS_DIR, 'DejaVuSerif.ttf')).then((data): OgFont => ({ name: 'DejaVu Serif', data, weight: 400, style: 'normal' })),
    readFile(path.join(FONTS_DIR, 'DejaVuSerif-Bold.ttf')).then((data): OgFont => ({ name: 'DejaVu Serif', data, weight: 700, style: 'normal' })),
  ]);
  return loaded;
}

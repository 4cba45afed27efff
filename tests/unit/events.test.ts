import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCalendar } from '@/lib/events/calendar';
import { readEvents, splitEvents } from '@/lib/events/events';
import { parseEvent } from '@/lib/events/parse-event';

// Pure functions of the files and of the `now` passed in: the fixed dates are the test's data.
const SITE = 'https://marketing20.example';
const NOW = new Date('2027-05-01T12:00:00Z');
const source = (front: string, body = 'Une rencontre avec l’auteur.') => `---\n${front}\n---\n\n${body}\n`;
const valid = (extra = '') =>
  source(`title: Signature à la librairie\nstart: 2027-05-15T18:30\nend: 2027-05-15T20:00\nplace: Librairie du Centre\naddress: 1 rue de l’Exemple, 75001 Paris\n${extra}`);

describe('an event file of content/rencontres/', () => {
  it('reads its times in Paris, or with their offset, and its place', async () => {
    const event = await parseEvent('content/rencontres/signature.md', valid('url: https://librairie.exemple/agenda'));
    expect(event).toMatchObject({ slug: 'signature', title: 'Signature à la librairie', start: new Date('2027-05-15T16:30:00Z'), end: new Date('2027-05-15T18:00:00Z'), place: 'Librairie du Centre', url: 'https://librairie.exemple/agenda' });
    const withOffset = await parseEvent('content/rencontres/b.md', valid().replace('start: 2027-05-15T18:30', 'start: "2027-05-15T18:30+02:00"'));
    expect(withOffset.start).toEqual(new Date('2027-05-15T16:30:00Z'));
  });

  it('refuses a malformed file in French, naming the file and the field', async () => {
    await expect(parseEvent('content/rencontres/a.md', valid().replace('end: 2027-05-15T20:00', 'end: 2027-05-15T17:00'))).rejects.toThrow(/content\/rencontres\/a\.md : rencontre invalide — end : la fin \(end\) doit venir après le début/);
    await expect(parseEvent('content/rencontres/a.md', valid().replace('place: Librairie du Centre\n', ''))).rejects.toThrow(/place : lieu \(place\) manquant/);
    await expect(parseEvent('content/rencontres/a.md', valid('lieu: ailleurs'))).rejects.toThrow(/clé inconnue : lieu/);
    await expect(parseEvent('content/rencontres/a.md', valid().replace('2027-05-15T18:30', 'demain soir'))).rejects.toThrow(/start : date et heure attendues/);
    await expect(parseEvent('content/rencontres/a.md', valid().replace('2027-05-15T18:30', '2027-03-28T02:30'))).rejects.toThrow(/n’existe pas à Paris/);
  });

  it('is upcoming until its end, in progress included, then past', async () => {
    const event = await parseEvent('content/rencontres/signature.md', valid());
    expect(splitEvents([event], new Date('2027-05-15T17:00:00Z')).upcoming).toHaveLength(1);
    expect(splitEvents([event], new Date('2027-05-15T18:00:00Z')).past).toHaveLength(1);
  });

  describe('a folder of them', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rencontres-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('lists none when the folder is missing or empty, and reads only .md files', async () => {
      expect(await readEvents(path.join(dir, 'absent'))).toEqual([]);
      writeFileSync(path.join(dir, '.gitkeep'), '');
      expect(await readEvents(dir)).toEqual([]);
      writeFileSync(path.join(dir, 'une.md'), valid());
      expect((await readEvents(dir)).map((event) => event.slug)).toEqual(['une']);
    });

    it('ships none: the site shows « Aucune rencontre prévue pour l’instant »', async () => {
      expect(await readEvents('content/rencontres')).toEqual([]);
    });
  });
});

describe('the calendar (RFC 5545), read back by a real iCalendar parser (ical.js)', () => {
  it('holds each event with its UTC times, place and escaped text', async () => {
    const title = 'Conférence : « Marketing 2.0 », questions; réponses, et\\ suite';
    const event = await parseEvent('content/rencontres/conference.md', valid().replace('title: Signature à la librairie', `title: '${title}'`));
    const text = buildCalendar([event], { siteUrl: SITE, now: NOW, name: 'Rencontres – Marketing 2.0' });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Rencontres – Marketing 2.0');
    const [vevent] = calendar.getAllSubcomponents('vevent');
    const parsed = new ICAL.Event(vevent);
    expect(parsed.summary).toBe(title);
    expect(parsed.uid).toBe('conference@marketing20.example');
    expect(parsed.startDate.toJSDate()).toEqual(new Date('2027-05-15T16:30:00Z'));
    expect(parsed.endDate.toJSDate()).toEqual(new Date('2027-05-15T18:00:00Z'));
    expect(parsed.location).toBe('Librairie du Centre, 1 rue de l’Exemple, 75001 Paris');
    expect(parsed.description).toBe('Une rencontre avec l’auteur.');
    expect(vevent?.getFirstPropertyValue('dtstamp')?.toString()).toContain('2027-05-01T12:00:00');
  });

  it('folds a long French title at 75 octets without splitting a character, and it reads back whole', async () => {
    const title = `Rencontre « à l’École » avec François Laurent — ${'élégance et débat, '.repeat(10)}fin`;
    const event = await parseEvent('content/rencontres/longue.md', valid().replace('title: Signature à la librairie', `title: "${title}"`));
    const text = buildCalendar([event], { siteUrl: SITE, now: NOW, name: 'Rencontres' });
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
    expect(new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent') ?? undefined).summary).toBe(title);
  });

  it('is a valid calendar with no event when there is none', () => {
    const calendar = new ICAL.Component(ICAL.parse(buildCalendar([], { siteUrl: SITE, now: NOW, name: 'Rencontres' })));
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getAllSubcomponents('vevent')).toEqual([]);
  });
});

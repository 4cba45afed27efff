/** The few schema.org types the site describes, as JSON-LD objects. */
export type Person = { '@type': 'Person'; name: string; url?: string };

export type Book = {
  '@context': 'https://schema.org';
  '@type': 'Book';
  name: string;
  alternativeName?: string;
  author: Person;
  contributor?: Person;
  datePublished: string;
  inLanguage: string;
  image?: string;
  url: string;
  description: string;
  isbn?: string;
  numberOfPages?: number;
  bookFormat?: 'https://schema.org/Paperback' | 'https://schema.org/Hardcover' | 'https://schema.org/EBook';
  publisher?: { '@type': 'Organization'; name: string };
  offers?: { '@type': 'Offer'; price: string; priceCurrency: 'EUR'; availability: 'https://schema.org/InStock' | 'https://schema.org/PreOrder'; url: string };
};

/** A comment's place in the conversation; its text is in the page itself (see blogPostingJsonLd). */
export type Comment = {
  '@type': 'Comment';
  url: string;
  author: Person;
  dateCreated: string;
  parentItem?: { '@type': 'Comment'; url: string };
};

export type BlogPosting = {
  '@context': 'https://schema.org';
  '@type': 'BlogPosting';
  '@id': string;
  headline: string;
  description: string;
  url: string;
  mainEntityOfPage: string;
  datePublished: string;
  author: Person;
  inLanguage: string;
  image: string;
  isPartOf: { '@type': 'WebSite'; name: string; url: string };
  commentCount: number;
  comment: Comment[];
};

export type JsonLd = Book | BlogPosting | Event | (Person & { '@context': 'https://schema.org' });

export type Event = {
  '@context': 'https://schema.org';
  '@type': 'Event';
  name: string;
  startDate: string;
  endDate: string;
  eventStatus: 'https://schema.org/EventScheduled';
  eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode';
  location: { '@type': 'Place'; name: string; address: string };
  url: string;
  description?: string;
  performer: Person;
  organizer: Person;
};

import type { JsonLd as JsonLdData } from '@/lib/structured-data/types';
import { serializeJsonLd } from '@/lib/structured-data/serialize';

/** Structured data for search engines. The JSON is escaped: no text in it can end the script. */
export function JsonLd({ data }: { data: JsonLdData }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}

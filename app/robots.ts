import type { MetadataRoute } from 'next';
import { getConfig } from '@/lib/config';

export default function robots(): MetadataRoute.Robots {
  const site = getConfig().SITE_URL;
  return {
    rules: { userAgent: '*', allow: '/', disallow: ['/api/', '/admin/', '/articles/*/repondre/', '/articles/*/commentaires/*/modifier', '/articles/*/commentaires/*/supprimer'] },
    sitemap: `${site}/sitemap.xml`,
  };
}

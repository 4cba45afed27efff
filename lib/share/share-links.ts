export type ShareLink = { id: 'email' | 'x' | 'linkedin' | 'facebook'; label: string; href: string };

type Shared = { url: string; title: string; description: string };

/**
 * Plain links to share a page: an e-mail, and each network's own share page. No script, no image,
 * nothing loaded from them until the reader follows one. `mailto:` takes %20 for spaces, not `+`.
 */
export function shareLinks({ url, title, description }: Shared): ShareLink[] {
  const encode = encodeURIComponent;
  return [
    {
      id: 'email',
      label: 'Par e-mail',
      href: `mailto:?subject=${encode(title)}&body=${encode(`${description}\n\n${url}`)}`,
    },
    { id: 'x', label: 'Sur X (Twitter)', href: `https://x.com/intent/tweet?${new URLSearchParams({ text: title, url })}` },
    { id: 'linkedin', label: 'Sur LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?${new URLSearchParams({ url })}` },
    { id: 'facebook', label: 'Sur Facebook', href: `https://www.facebook.com/sharer/sharer.php?${new URLSearchParams({ u: url })}` },
  ];
}

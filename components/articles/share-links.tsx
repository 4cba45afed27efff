import { shareLinks } from '@/lib/share/share-links';

type Props = { url: string; title: string; description: string };

/** Share this article: plain links, no third-party script or image. */
export function ShareLinks(props: Props) {
  return (
    <nav className="share" aria-labelledby="partager">
      <h2 id="partager" className="share__title">
        Partager cet article
      </h2>
      <ul className="share__list">
        {shareLinks(props).map((link) => (
          <li key={link.id}>
            <a className="share__link" href={link.href} rel="noopener noreferrer">
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

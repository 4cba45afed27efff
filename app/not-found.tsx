
export default function NotFound() {
  return (
    <div className="page narrow">
      <h1>Page introuvable</h1>
      <p>La page que vous cherchez n’existe pas ou a été déplacée.</p>
      <p>
        <a href="/">Retour à l’accueil</a>
      </p>
    </div>
  );
}

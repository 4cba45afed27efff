// Les couches du site (docs/architecture.md), du bas vers le haut : un fichier importe sa couche
// ou une couche plus basse, jamais une plus haute, et aucun import ne tourne en rond.
// `npm run lint` lance ce contrôle après ESLint.

/** @type {{ name: string; path: string; comment: string }[]} */
const LAYERS = [
  {
    name: 'fondations',
    path: '^lib/(config|db|settings|format-date|client-ip|site-icon|audit|fingerprint|paths)\\.ts$|^lib/(db|http|cache|share|generated)/',
    comment: 'configuration, base de données, dates, HTTP, cache, journal, empreintes, adresses',
  },
  { name: 'contenu', path: '^lib/content/', comment: 'articles, Markdown, front matter' },
  { name: 'livre', path: '^lib/(book-file|events)/', comment: 'la fiche du livre, les rencontres' },
  { name: 'comptes', path: '^lib/auth(/|\\.ts$)', comment: 'connexion de l’auteur' },
  { name: 'abonnements', path: '^lib/subscriptions/', comment: 'abonnements des lecteurs et leurs courriels' },
  { name: 'courrier', path: '^lib/mail/', comment: 'file d’envoi et expéditeur' },
  { name: 'commentaires', path: '^lib/(comments|write)/', comment: 'fils, publication, retenus, les siens ; le chemin d’écriture' },
  { name: 'vie-privee', path: '^lib/privacy/', comment: 'conservation, effacement, pages légales' },
  { name: 'publication', path: '^lib/(feeds|og|sitemap|structured-data)/', comment: 'flux, images de partage, plan du site, JSON-LD' },
  { name: 'administration', path: '^lib/admin/', comment: 'modération, réglages, exports' },
  { name: 'import', path: '^lib/import/', comment: 'import des commentaires d’autres plateformes' },
  { name: 'composants', path: '^components/', comment: 'React' },
  { name: 'pages', path: '^(app/|instrumentation\\.ts$|proxy\\.ts$|next\\.config\\.ts$)', comment: 'routes Next.js' },
  { name: 'outils', path: '^(scripts|prisma|tests|bench)/', comment: 'scripts, graine, tests' },
];

const layerRules = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `couche-${layer.name}`,
  severity: 'error',
  comment: `« ${layer.name} » (${layer.comment}) n’importe que sa couche ou une plus basse : ${LAYERS.slice(0, index + 1)
    .map((l) => l.name)
    .join(', ')}.`,
  from: { path: layer.path },
  to: {
    path: LAYERS.slice(index + 1)
      .map((l) => `(${l.path})`)
      .join('|'),
  },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'pas-de-cycle',
      severity: 'error',
      comment: 'Des fichiers qui s’importent en boucle : aucune couche ne tient.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'pas-d-import-introuvable',
      severity: 'error',
      comment: 'Un import que rien ne résout (chemin faux après un déplacement ?).',
      from: {},
      to: { couldNotResolve: true, pathNot: '\\.css$' },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['^lib/generated/', '^\\.next', 'node_modules'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.cts', '.cjs', '.mjs', '.js', '.d.ts', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};

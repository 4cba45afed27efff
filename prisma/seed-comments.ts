/**
 * The reader comments of the 2008 announcement (from shared/seeds), signatures moved to the author
 * field. The source gives no times: they are spread over the days after publication, in order.
 */
export const ANNOUNCEMENT_SLUG = 'en-librairie-le-15-mai';

export type SeedComment = { authorName: string; body: string; createdAt: string };

export const announcementComments: SeedComment[] = [
  {
    authorName: 'Yann',
    createdAt: '2008-05-05T09:42:00+02:00',
    body: "Bonne chance à ce nouvel ouvrage François. Merci de m'en mettre un de côté, je serai un de tes premiers clients/lecteurs. A bientôt.",
  },
  {
    authorName: 'Stéphane',
    createdAt: '2008-05-05T11:17:00+02:00',
    body: "J'attends ton livre avec impatience tant je me réjouis que les vues des hommes de marketing rejoignent celles des hommes de relations publiques. Fondées sur la confiance, les relations deviennent conversations puis participation, co-création. A l'ère de l'intelligence collective, les enjeux de réputation (re)deviennent plus importants que les bricolages pseudo-marketing. Je sens que marketing et communication peuvent se réconcilier, enfin!",
  },
  {
    authorName: 'Philippe LG',
    createdAt: '2008-05-05T18:05:00+02:00',
    body: [
      "J'espère voir bientôt en tête de gondole cet ouvrage dans mes librairies préférées. Je partage pleinement ton point de vue. Le marketing 2.0 n'est pas le marketing du web 2.0 mais une approche de l'intelligence collective.",
      "Depuis 2000, j'ai souvent proposé à mes clients de mettre en place des réseaux ou d'organiser des événements de réflexion collective à grande échelle. Peu osent se lancer. Curieusement, ceux qui le font accélèrent ensuite leur rythme de décision et de mise en action sur le marché. Je forme le voeu qu'une partie des autres lira ton ouvrage et se forgera une conviction nouvelle ...",
      "Il y a tellement de choses qui peuvent sembler illusoires tant qu'elles n'ont pas été expérimentées... Nous avons besoin d'hommes capables d'imaginer ce qui n'a JAMAIS existé..; Tu en fais pleinement partie et je trouve ton approche toujours TRES pertinente...Au plaisir d'en lire davantage...",
    ].join('\n'),
  },
  {
    authorName: 'Anonyme',
    createdAt: '2008-05-06T08:31:00+02:00',
    body: [
      'welcome to marketing 2.0 !',
      "suis 300% d'accord, le mkg 2.0 ce n'est pas le web 2.0.",
      'Et le web 2.0 lui-même, ne doit pas être vu -paradoxalement- que comme du web',
      '2.0 ou 3.0.',
      "C'est surtout et avant tout une affaire de changement.",
      "Changer, en acceptant d'ouvrir la boîte qu'est l'entreprise.",
      "L'ouvrir d'abord en interne, à tous les étages [jolie preuve de confiance en ses équipes]",
      "L'ouvrir ensuite à l'extérieur [partenaires et consos; jolie preuve de non parano]",
      'Bienvenue au vrai Outside the Box !',
      'Face à cette mutation, ni le mkg 2.0 ni le woueb 2.0 ne suffisent.',
      "Ils y contribuent chacun à leur façon, le premier en insufflant un nouvel esprit orienté offre (vs demande : que peut-on encore espérer que nos clients demandent en 2008 saturés psychologiquement qu'ils sont ?!); le second, en tant qu'outil propagateur d'un changement d'état d'esprit (et pas seulement de buzz).",
      "Longue vie à l'imagination collective !",
      "ps : suis preneur d'un exemplaire dédicacé, merci FL !",
    ].join('\n'),
  },
  {
    authorName: 'Anonyme',
    createdAt: '2008-05-07T14:50:00+02:00',
    body: 'si tu veux pondre 2 pages sur ton livre, je les cite dans notre newsletter. A toi de jouer',
  },
  {
    authorName: 'Jacqueline Aglietta',
    createdAt: '2008-05-09T10:04:00+02:00',
    body: [
      'Cher François,',
      "Bien sur qu'il y a plein d'écrits sur le sujet mais pour pour plein de raisons qui tiennent à ta personnalité , je pense que ton livre sera décapant et différent.",
      'En tous cas , sache que je me réjouis de le lire bientôt et de contribuer grâce à toi à notre intelligence collective.',
      'Bien à toi',
    ].join('\n'),
  },
  {
    authorName: 'Isabel',
    createdAt: '2008-05-12T21:26:00+02:00',
    body: ['Tu as tout a fait raison....renaître ou disparaître!...', 'RENAISSONS!!!', 'Bien à toi'].join('\n'),
  },
];

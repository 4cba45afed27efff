export const CLOSED_MESSAGE = 'Les commentaires sont fermés.';
export const PENDING_MESSAGE = 'Merci ! Votre commentaire est en attente de modération ; il sera publié après relecture.';
export const PUBLISHED_MESSAGE = 'Merci ! Votre commentaire est publié.';

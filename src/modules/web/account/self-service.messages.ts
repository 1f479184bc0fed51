import { m } from '../i18n/text.js';

/** Accounts people make for themselves: sign-up, confirmation, a forgotten password, erasure. */
export const SELF_SERVICE = {
  signUpTitle: m('Créer un compte', 'Create an account'),
  signUpLead: m(
    'Un compte vous permet de suivre des jeux de données, de demander des données qui manquent et de discuter avec les producteurs. Il est gratuit ; seul un nom et une adresse courriel sont demandés.',
    'An account lets you follow datasets, ask for data that is missing and talk with publishers. It is free; only a name and an email address are asked.',
  ),
  signUpName: m("Nom d'utilisateur", 'User name'),
  signUpNameHint: m(
    'Public. De 2 à 100 caractères : lettres minuscules sans accents, chiffres, - et _.',
    'Public. 2 to 100 characters: lower-case letters without accents, digits, - and _.',
  ),
  signUpEmail: m('Adresse courriel', 'Email address'),
  signUpEmailHint: m(
    'Jamais affichée. Un lien pour la confirmer y sera envoyé.',
    'Never shown. A link to confirm it will be sent to it.',
  ),
  signUpFullname: m('Nom complet (facultatif)', 'Full name (optional)'),
  signUpButton: m('Créer mon compte', 'Create my account'),
  signUpHoneypot: m('Ne remplissez pas ce champ', 'Leave this field empty'),
  haveAccount: m('Vous avez déjà un compte ? Connectez-vous.', 'Already have an account? Sign in.'),
  noAccount: m('Pas encore de compte ? Créez-en un.', 'No account yet? Create one.'),
  forgotLink: m('Mot de passe oublié ?', 'Forgot your password?'),
  checkMailTitle: m('Vérifiez vos courriels', 'Check your email'),
  checkMailText: m(
    'Si cette adresse peut recevoir un compte, un message vient d’y être envoyé : suivez son lien pour continuer. Il peut prendre quelques minutes ; regardez aussi dans les indésirables.',
    'If this address can receive an account, a message was just sent to it: follow its link to go on. It may take a few minutes; look in your junk mail too.',
  ),
  verifyTitle: m('Confirmer votre adresse', 'Confirm your address'),
  verifyLead: m(
    'Confirmez l’adresse courriel du compte pour pouvoir participer.',
    'Confirm the account’s email address to take part.',
  ),
  verifyButton: m('Confirmer mon adresse', 'Confirm my address'),
  verifyGone: m(
    'Ce lien a expiré ou a déjà servi. Connectez-vous pour en recevoir un nouveau.',
    'This link has expired or was already used. Sign in to receive a new one.',
  ),
  emailVerified: m('Votre adresse est confirmée. Merci !', 'Your address is confirmed. Thank you!'),
  forgotTitle: m('Mot de passe oublié', 'Forgotten password'),
  forgotLead: m(
    'Indiquez l’adresse courriel de votre compte : un lien pour choisir un nouveau mot de passe y sera envoyé (valable une heure).',
    'Give your account’s email address: a link to choose a new password will be sent to it (valid for one hour).',
  ),
  forgotButton: m('Recevoir le lien', 'Send me the link'),
  deleteTitle: m('Supprimer mon compte', 'Delete my account'),
  deleteLead: m(
    'Votre nom d’utilisateur, votre adresse, votre description, votre mot de passe, vos jetons et vos rôles seront effacés, ainsi que les courriels que le portail vous a envoyés. Les jeux de données publiés restent à leur organisation. C’est définitif.',
    'Your user name, address, description, password, tokens and roles will be erased, with the messages the portal sent you. Published datasets stay with their organization. This cannot be undone.',
  ),
  deletePassword: m('Votre mot de passe, pour confirmer', 'Your password, to confirm'),
  deleteAccountButton: m('Supprimer définitivement mon compte', 'Delete my account for good'),
  accountDeleted: m('Votre compte est supprimé.', 'Your account is deleted.'),
  unverifiedNotice: m(
    'Votre adresse courriel n’est pas encore confirmée : suivez le lien du message reçu.',
    'Your email address is not confirmed yet: follow the link in the message you received.',
  ),
  resendVerification: m('Renvoyer le lien', 'Send the link again'),
  verificationSent: m(
    'Un nouveau lien vient d’être envoyé à votre adresse.',
    'A new link was just sent to your address.',
  ),
};

import type { OutgoingMail } from '../../mail/index.js';

/**
 * The messages of self-service accounts, French first then English (the portal does not know yet
 * which language the person reads): plain text, the link alone on its line.
 */
export function verifyMail(to: string, name: string, link: string, site: string): OutgoingMail {
  return {
    to,
    kind: 'account.verify',
    subject: `Confirmez votre adresse — ${site} / Confirm your address`,
    text: `Bonjour ${name},

Pour confirmer l'adresse de votre compte sur ${site}, ouvrez ce lien (valable 7 jours) :

${link}

Si vous n'avez pas créé ce compte, ignorez ce message : sans confirmation, il ne peut pas participer.

—

Hello ${name},

To confirm your account's address on ${site}, open this link (valid for 7 days):

${link}

If you did not create this account, ignore this message: without confirmation it cannot take part.
`,
  };
}

export function alreadyRegisteredMail(
  to: string,
  name: string,
  resetLink: string,
  site: string,
): OutgoingMail {
  return {
    to,
    kind: 'account.exists',
    subject: `Vous avez déjà un compte — ${site} / You already have an account`,
    text: `Bonjour,

Quelqu'un (vous, peut-être) a voulu créer un compte sur ${site} avec cette adresse. Elle appartient déjà au compte « ${name} ».
Pour vous y connecter avec un nouveau mot de passe, ouvrez ce lien (valable 1 heure) :

${resetLink}

Sinon, ignorez ce message : rien n'a changé.

—

Hello,

Someone (you, perhaps) tried to create an account on ${site} with this address. It already belongs to the account "${name}".
To sign in with a new password, open this link (valid for 1 hour):

${resetLink}

Otherwise, ignore this message: nothing has changed.
`,
  };
}

export function resetMail(to: string, name: string, link: string, site: string): OutgoingMail {
  return {
    to,
    kind: 'account.reset',
    subject: `Choisir un nouveau mot de passe — ${site} / Choose a new password`,
    text: `Bonjour ${name},

Pour choisir un nouveau mot de passe sur ${site}, ouvrez ce lien (valable 1 heure, une seule fois) :

${link}

Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste le même.

—

Hello ${name},

To choose a new password on ${site}, open this link (valid for 1 hour, once):

${link}

If you asked for nothing, ignore this message: your password stays the same.
`,
  };
}

import { m } from '../i18n/text.js';

/** The publisher's workspace: signing in, tokens, members. */
export const WORKSPACE = {
  // Sign in
  signInTitle: m('Connexion', 'Sign in'),
  signInLead: m(
    'Connectez-vous pour suivre des données, en demander, en discuter, ou publier celles de votre organisation.',
    'Sign in to follow data, ask for it, talk about it, or publish your organization’s data.',
  ),
  login: m("Nom d'utilisateur ou adresse courriel", 'User name or email address'),
  password: m('Mot de passe', 'Password'),
  signInButton: m('Se connecter', 'Sign in'),
  signInFailed: m(
    "Le nom d'utilisateur ou le mot de passe est incorrect.",
    'The user name or the password is wrong.',
  ),
  signedOut: m('Vous êtes déconnecté.', 'You are signed out.'),
  // A person's public page
  profileLogin: m('Identifiant : {name}', 'Login: {name}'),
  memberSince: m('inscrit le {date}', 'joined {date}'),
  datasetsCreatedBy: m('Jeux de données créés par {name}', 'Datasets created by {name}'),
  // Setting a password with a one-time link
  setPasswordTitle: m('Choisir votre mot de passe', 'Choose your password'),
  setPasswordLead: m(
    'Votre compte {name} est prêt. Choisissez un mot de passe pour vous connecter ; ce lien ne sert qu’une fois.',
    'Your account {name} is ready. Choose a password to sign in; this link works only once.',
  ),
  newPassword: m('Nouveau mot de passe', 'New password'),
  newPasswordHint: m(
    'Au moins 12 caractères. Une phrase de passe facile à retenir convient très bien.',
    'At least 12 characters. An easy-to-remember passphrase is fine.',
  ),
  passwordConfirmation: m('Le même mot de passe, encore', 'The same password again'),
  setPasswordButton: m('Enregistrer le mot de passe', 'Save the password'),
  passwordLinkGone: m(
    'Ce lien a expiré ou a déjà servi. Demandez-en un nouveau depuis « Mot de passe oublié ? » ou à l’administrateur du portail.',
    'This link has expired or was already used. Ask for a new one from “Forgot your password?” or from the portal’s administrator.',
  ),
  passwordSet: m(
    'Votre mot de passe est enregistré : vous êtes connecté.',
    'Your password is saved: you are signed in.',
  ),
  // Workspace
  workspaceTitle: m('Mon espace', 'My workspace'),
  signedInAs: m('Connecté en tant que {name}', 'Signed in as {name}'),
  myOrganizations: m('Mes organisations', 'My organizations'),
  role: m('Rôle', 'Role'),
  roleAdmin: m('Administrateur', 'Administrator'),
  roleEditor: m('Éditeur', 'Editor'),
  roleMember: m('Membre', 'Member'),
  roleSysadmin: m('Administrateur du portail', 'Portal administrator'),
  myDatasets: m('Jeux de données de mes organisations', 'Datasets of my organizations'),
  newDataset: m('Nouveau jeu de données', 'New dataset'),
  noOrganization: m(
    "Vous n'êtes membre d'aucune organisation : demandez à un administrateur de vous y ajouter.",
    'You are not a member of any organization: ask an administrator to add you.',
  ),
  sysadminAllOrganizations: m(
    'Comme administrateur du portail, vous pouvez publier dans toutes les organisations.',
    'As a portal administrator, you can publish in every organization.',
  ),
  apiTokens: m("Jetons d'API", 'API tokens'),
  // Tokens
  tokensLead: m(
    "Un jeton d'API permet à un script d'agir en votre nom. Il n'est affiché qu'une seule fois.",
    'An API token lets a script act on your behalf. It is shown only once.',
  ),
  tokenName: m('Nom du jeton', 'Token name'),
  tokenNameHint: m(
    'Pour vous rappeler à quoi il sert, par exemple « script de publication ».',
    'To remind you what it is for, e.g. “publication script”.',
  ),
  createToken: m('Créer un jeton', 'Create a token'),
  tokenCreated: m(
    'Voici votre jeton. Copiez-le maintenant : il ne sera plus affiché.',
    'Here is your token. Copy it now: it will not be shown again.',
  ),
  tokenCreatedOn: m('Créé le', 'Created on'),
  tokenLastUsed: m('Dernière utilisation', 'Last used'),
  never: m('Jamais', 'Never'),
  revoke: m('Révoquer', 'Revoke'),
  revokeToken: m('Révoquer le jeton {name}', 'Revoke the token {name}'),
  tokenRevoked: m('Le jeton est révoqué.', 'The token is revoked.'),
  myTokens: m('Mes jetons', 'My tokens'),
  noTokens: m("Vous n'avez aucun jeton.", 'You have no token.'),
  // Members
  membersTitle: m('Membres de {name}', 'Members of {name}'),
  memberUser: m('Utilisateur', 'User'),
  memberActions: m('Actions', 'Actions'),
  changeRole: m('Changer le rôle de {name}', 'Change the role of {name}'),
  saveRole: m('Enregistrer', 'Save'),
  saveRoleOf: m('Enregistrer le rôle de {name}', 'Save the role of {name}'),
  remove: m('Retirer', 'Remove'),
  memberUsername: m("Nom d'utilisateur", 'User name'),
  rolesExplained: m(
    'Les administrateurs gèrent les membres ; les éditeurs publient et modifient les jeux de données ; les membres voient les jeux de données privés.',
    'Administrators manage members; editors publish and edit datasets; members see private datasets.',
  ),
  removeMember: m('Retirer {name}', 'Remove {name}'),
  addMember: m('Ajouter un membre', 'Add a member'),
  addMemberButton: m('Ajouter', 'Add'),
  memberSaved: m('Les membres sont à jour.', 'The members are up to date.'),
} as const;

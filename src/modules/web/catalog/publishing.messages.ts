import { m } from '../i18n/text.js';

/** Publishing a dataset, taking it back, deleting it; replacing and deleting a resource's file. */
export const PUBLISHING = {
  publishTitle: m('Publier « {title} »', 'Publish “{title}”'),
  publishLead: m(
    'Vérifiez ce qui deviendra visible avant de confirmer.',
    'Check what will become visible before you confirm.',
  ),
  publishGapsTitle: m('Avant de publier, complétez :', 'Before publishing, complete:'),
  publishGapFix: m('Corriger', 'Fix it'),
  publishWillBePublic: m(
    'Une fois publié, tout le monde pourra trouver et télécharger ce qui suit.',
    'Once published, everyone will be able to find and download the following.',
  ),
  publishWillBePrivate: m(
    'Le jeu de données est privé : une fois publié, seuls les membres de « {organization} » le verront.',
    'The dataset is private: once published, only the members of “{organization}” will see it.',
  ),
  publishConfirm: m('Confirmer la publication', 'Confirm publication'),
  publishNoResources: m('aucune', 'none'),
  publishResources: m('Ressources ({count})', 'Resources ({count})'),
  publishOpen: m('Publier…', 'Publish…'),
  manageDataset: m('Publication et suppression', 'Publication and deletion'),
  manageTitle: m('Publication de « {title} »', 'Publication of “{title}”'),
  manageStateDraft: m(
    'Ce jeu de données est un brouillon : seuls les éditeurs de son organisation le voient.',
    'This dataset is a draft: only its organization’s editors see it.',
  ),
  manageStatePublic: m(
    'Ce jeu de données est publié et public : tout le monde le voit.',
    'This dataset is published and public: everyone sees it.',
  ),
  manageStatePrivate: m(
    'Ce jeu de données est publié et privé : seuls les membres de son organisation le voient.',
    'This dataset is published and private: only its organization’s members see it.',
  ),
  manageStateDeleted: m(
    'Ce jeu de données est supprimé : personne d’autre que ses éditeurs ne le voit. Un administrateur du portail peut le restaurer.',
    'This dataset is deleted: nobody but its editors sees it. A portal administrator can restore it.',
  ),
  restoreButton: m('Restaurer le jeu de données', 'Restore the dataset'),
  datasetRestored: m('Le jeu de données est restauré.', 'The dataset is restored.'),
  unpublishHeading: m('Retirer la publication', 'Unpublish'),
  unpublishExplained: m(
    'Le jeu de données redevient un brouillon : il quitte la recherche, les listes et les fils, et son adresse ne répond plus au public. Vous pourrez le publier de nouveau.',
    'The dataset becomes a draft again: it leaves search, lists and feeds, and its address no longer answers the public. You can publish it again.',
  ),
  unpublishButton: m('Remettre en brouillon', 'Back to draft'),
  unpublished: m('Le jeu de données est redevenu un brouillon.', 'The dataset is a draft again.'),
  visibilityHeading: m('Visibilité', 'Visibility'),
  makePrivate: m('Rendre privé', 'Make private'),
  makePublic: m('Rendre public', 'Make public'),
  makePrivateExplained: m(
    'Privé, il reste publié mais seuls les membres de l’organisation le voient.',
    'Private, it stays published but only the organization’s members see it.',
  ),
  makePublicExplained: m(
    'Public, tout le monde le verra, le trouvera et pourra le télécharger.',
    'Public, everyone will see it, find it and be able to download it.',
  ),
  visibilityChanged: m('La visibilité est changée.', 'The visibility is changed.'),
  deleteHeading: m('Supprimer le jeu de données', 'Delete the dataset'),
  deleteExplained: m(
    'Il disparaît pour tout le monde, ses ressources comprises. Un administrateur du portail peut le restaurer.',
    'It disappears for everyone, resources included. A portal administrator can restore it.',
  ),
  deleteConfirmLegend: m('Confirmation', 'Confirmation'),
  deleteConfirm: m(
    'Je comprends que le jeu de données disparaîtra.',
    'I understand that the dataset will disappear.',
  ),
  deleteUnconfirmed: m(
    'Cochez la case pour confirmer la suppression.',
    'Tick the box to confirm the deletion.',
  ),
  deleteButton: m('Supprimer', 'Delete'),
  datasetDeleted: m(
    'Le jeu de données est supprimé. Un administrateur du portail peut le restaurer.',
    'The dataset is deleted. A portal administrator can restore it.',
  ),
  // Resources
  editResource: m('Modifier ou remplacer le fichier', 'Edit or replace the file'),
  editResourceTitle: m('Modifier la ressource « {name} »', 'Edit the resource “{name}”'),
  replaceFileHint: m(
    'Laissé vide, le fichier actuel ({file}) est gardé. Un nouveau fichier devient la nouvelle version de cette ressource ; l’ancien reste téléchargeable dans son historique.',
    'Left empty, the current file ({file}) is kept. A new file becomes this resource’s new version; the old one stays downloadable in its history.',
  ),
  resourceSaved: m('La ressource est enregistrée.', 'The resource is saved.'),
  deleteResource: m('Supprimer la ressource', 'Delete the resource'),
  deleteResourceTitle: m('Supprimer la ressource « {name} »', 'Delete the resource “{name}”'),
  deleteResourceExplained: m(
    'Elle disparaît du jeu de données, avec son tableau de données et ses vues. Les liens vers son fichier ne répondront plus.',
    'It disappears from the dataset, with its data table and views. Links to its file will stop answering.',
  ),
  deleteResourceConfirm: m(
    'Je comprends que la ressource disparaîtra.',
    'I understand that the resource will disappear.',
  ),
  resourceDeleted: m('La ressource est supprimée.', 'The resource is deleted.'),
  duplicateFile: m(
    'Ce fichier est déjà dans ce jeu de données : c’est la ressource « {name} ». Pour en publier une nouvelle version, remplacez le fichier de cette ressource.',
    'This file is already in this dataset: it is the resource “{name}”. To publish a new version, replace that resource’s file.',
  ),
  sameFile: m(
    'Ce fichier est identique au fichier actuel : rien à remplacer.',
    'This file is identical to the current one: nothing to replace.',
  ),
  versionsTitle: m('Versions précédentes', 'Earlier versions'),
  versionLabel: m('Version {version}', 'Version {version}'),
  versionPeriod: m('du {from} au {to}', 'from {from} to {to}'),
  versionDownload: m('Télécharger la version {version} ({file})', 'Download version {version} ({file})'),
} as const;

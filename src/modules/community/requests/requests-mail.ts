import type { OutgoingMail } from '../../mail/index.js';
import type { RequestStatus } from './requests.types.js';

const STATUS_WORDS: Record<RequestStatus, { fr: string; en: string }> = {
  open: { fr: 'ouverte', en: 'open' },
  under_review: { fr: 'à l’étude', en: 'under review' },
  planned: { fr: 'prévue', en: 'planned' },
  published: { fr: 'publiée', en: 'published' },
  refused: { fr: 'refusée', en: 'refused' },
};

export function statusWords(status: RequestStatus) {
  return STATUS_WORDS[status];
}

/** To the author and each supporter of a request that got an answer. */
export function answeredMail(input: {
  to: string;
  name: string;
  title: string;
  status: RequestStatus;
  message: string;
  link: string;
  datasetLink: string | null;
  site: string;
}): OutgoingMail {
  const words = STATUS_WORDS[input.status];
  const message = input.message.trim();
  return {
    to: input.to,
    kind: 'request.answered',
    subject: `Demande de données ${words.fr} : ${input.title} / Data request ${words.en}`,
    text: `Bonjour ${input.name},

La demande de données « ${input.title} », que vous suivez sur ${input.site}, est maintenant ${words.fr}.
${message ? `\n${message}\n` : ''}${input.datasetLink ? `\nLes données : ${input.datasetLink}\n` : ''}
La demande : ${input.link}

—

Hello ${input.name},

The data request "${input.title}", which you follow on ${input.site}, is now ${words.en}.
${input.datasetLink ? `\nThe data: ${input.datasetLink}\n` : ''}
The request: ${input.link}
`,
  };
}

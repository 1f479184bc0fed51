import type { Role } from './actor.js';

/** A person with an account, as other modules see them (never their password hash). */
export interface User {
  id: string;
  name: string;
  fullname: string | null;
  email: string | null;
  about: string | null;
  sysadmin: boolean;
  state: 'active' | 'deleted';
  created: Date;
}

/** An API token's record (the token itself is shown once, at creation, and never stored). */
export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  created: Date;
  lastUsed: Date | null;
  expiresAt: Date | null;
}

/** Someone's role in an organisation. */
export interface Member {
  organizationId: string;
  userId: string;
  userName: string;
  fullname: string | null;
  role: Role;
  created: Date;
}

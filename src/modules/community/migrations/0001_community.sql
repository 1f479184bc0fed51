-- Community: what the public brings to the portal (data requests, reuses, discussions, follows).
CREATE SCHEMA community;

import { z } from 'zod';
import { ROLES } from './roles.js';

/** The shortest password taken; the server also refuses common ones and ones built on the username. */
export const PASSWORD_MIN_LENGTH = 12;

/** Passwords: long enough to resist guessing, short enough to bound hashing work. */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `密码至少 ${PASSWORD_MIN_LENGTH} 个字符 / at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200);

const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, '用户名为 3–64 位字母、数字、. _ - / 3–64 letters, digits, . _ -');

export const userCreateSchema = z.strictObject({
  username,
  displayName: z.string().trim().min(1).max(60),
  role: z.enum(ROLES),
  unitId: z.number().int().positive().nullish(),
  password: passwordSchema,
});
export type UserCreate = z.infer<typeof userCreateSchema>;

export const userUpdateSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(60).optional(),
  role: z.enum(ROLES).optional(),
  unitId: z.number().int().positive().nullable().optional(),
  active: z.boolean().optional(),
  password: passwordSchema.optional(),
  unlock: z.literal(true).optional(),
});
export type UserUpdate = z.infer<typeof userUpdateSchema>;

export const userListQuerySchema = z.strictObject({
  q: z.string().max(64).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  role: z.enum(ROLES).optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const loginSchema = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
});

/** `read` tokens may only read (GET); `write` tokens may also change what their role allows. */
export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const tokenCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(60),
  role: z.enum(ROLES),
  scope: z.enum(TOKEN_SCOPES).default('read'),
  unitId: z.number().int().positive().nullish(),
  expiresInDays: z.number().int().min(1).max(3650).nullish(),
});

const unitRef = z.object({ id: z.number().int(), code: z.string(), name: z.string() });

export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unit: unitRef.nullable(),
  active: z.boolean(),
  /** Addresses locked out of this account after repeated wrong passwords, and until when; the account itself stays usable from elsewhere. */
  lockouts: z.array(z.object({ address: z.string(), until: z.string() })),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof userSchema>;
export const userListSchema = z.object({ items: z.array(userSchema) });

/** The signed-in principal as the admin UI sees it. */
export const meSchema = z.object({
  user: z.object({ id: z.number().int(), username: z.string(), displayName: z.string(), role: z.enum(ROLES), unit: unitRef.nullable() }),
  csrfToken: z.string(),
});
export type MeDto = z.infer<typeof meSchema>;

export type TokenCreate = z.input<typeof tokenCreateSchema>;

export const apiTokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  role: z.enum(ROLES),
  scope: z.enum(TOKEN_SCOPES),
  /** The account that issued it: the token never has more rights than this account has now. */
  issuer: z.string(),
  unitId: z.number().int().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiTokenDto = z.infer<typeof apiTokenSchema>;
export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) });
/** A new token: its secret is shown this once. */
export const apiTokenCreatedSchema = z.object({ token: z.string(), item: apiTokenSchema });
export type ApiTokenCreated = z.infer<typeof apiTokenCreatedSchema>;

import { z } from 'zod';
import { ROLES, type Role } from './roles.js';

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

export interface UserDto {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unit: { id: number; code: string; name: string } | null;
  active: boolean;
  /** Addresses locked out of this account after repeated wrong passwords, and until when; the account itself stays usable from elsewhere. */
  lockouts: { address: string; until: string }[];
  lastLoginAt: string | null;
  createdAt: string;
}

/** The signed-in principal as the admin UI sees it. */
export interface MeDto {
  user: { id: number; username: string; displayName: string; role: Role; unit: { id: number; code: string; name: string } | null };
  csrfToken: string;
}

export type TokenCreate = z.input<typeof tokenCreateSchema>;

export interface ApiTokenDto {
  id: number;
  name: string;
  prefix: string;
  role: Role;
  scope: TokenScope;
  /** The account that issued it: the token never has more rights than this account has now. */
  issuer: string;
  unitId: number | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

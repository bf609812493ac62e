import { z } from 'zod';
import { ROLES, type Role } from './roles.js';

/** Passwords: long enough to resist guessing, short enough to bound hashing work. */
export const passwordSchema = z.string().min(10, '密码至少 10 个字符 / at least 10 characters').max(200);

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

export const tokenCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(60),
  role: z.enum(ROLES),
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
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

/** The signed-in principal as the admin UI sees it. */
export interface MeDto {
  user: { id: number; username: string; displayName: string; role: Role; unit: { id: number; code: string; name: string } | null };
  csrfToken: string;
}

export interface ApiTokenDto {
  id: number;
  name: string;
  prefix: string;
  role: Role;
  unitId: number | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

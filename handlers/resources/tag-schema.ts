/**
 * One tag as a template author writes it in a built-in type's `Tags` property, with EC2's
 * limits: a key of 1 to 127 characters, a value of at most 256.
 */
import * as z from 'zod/mini';

/**
 * The schema of one author tag.
 * @example
 * Tags: z.optional(z.array(tagSchema).check(z.maxLength(40)))
 */
const tagSchema = z.strictObject({
  Key: z.string().check(z.minLength(1), z.maxLength(127)),
  Value: z.string().check(z.maxLength(256)),
});

export { tagSchema };

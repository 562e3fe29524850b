/**
 * The properties of `Custom::SriovAmiRegistration`. Values that would need an explanation to be
 * refused (DriverConfirmed, SriovNetSupport, the choice of source) are accepted here and refused
 * by `refusals.ts` with a Reason that says why; the schema only checks shapes.
 */
import * as z from 'zod/mini';
import { cfnBoolean } from '../../../framework/index.js';
import { tagSchema } from '../tag-schema.js';

/**
 * RegisterImage's name rule: 3–128 characters from letters, digits, ( ) [ ] space . / - ' @ _ (no
 * ':').
 */
const imageName = z.string().check(
  z.minLength(3, { error: 'must be at least 3 characters long' }),
  z.maxLength(128, { error: 'must be at most 128 characters long' }),
  z.regex(/^[A-Za-z0-9()[\]./'@_ -]+$/, {
    error: "may contain only letters, digits, spaces and ( ) [ ] . / - ' @ _ (no ':')",
  }),
);

/** The property schema. */
const sriovAmiSchema = z.strictObject({
  SourceImageId: z.optional(
    z.string().check(z.regex(/^ami-[0-9a-f]{8,17}$/, { error: 'must be an AMI id (ami-…)' })),
  ),
  RootSnapshotId: z.optional(
    z.string().check(z.regex(/^snap-[0-9a-f]{8,17}$/, { error: 'must be a snapshot id (snap-…)' })),
  ),
  RootDeviceName: z.optional(
    z.string().check(
      z.regex(/^\/dev\/[a-z0-9]{3,12}$/, {
        error: 'must be a device name such as /dev/xvda or /dev/sda1',
      }),
    ),
  ),
  Architecture: z.optional(z.enum(['x86_64', 'arm64', 'i386'])),
  BootMode: z.optional(z.enum(['legacy-bios', 'uefi', 'uefi-preferred'])),
  Name: z.optional(imageName),
  Description: z.optional(
    z.string().check(z.maxLength(255, { error: 'must be at most 255 characters long' })),
  ),
  SriovNetSupport: z.optional(z.string()),
  EnaSupport: z.optional(cfnBoolean()),
  DriverConfirmed: z.optional(cfnBoolean()),
  Tags: z.optional(
    z
      .array(tagSchema)
      .check(z.maxLength(40, { error: 'at most 40 tags (EC2 allows 50, and crkit adds its own)' })),
  ),
});

/** Parsed properties. */
type SriovAmiProperties = z.output<typeof sriovAmiSchema>;

/** Everything but Tags and Description forces a new registration: an AMI cannot be edited. */
const replaceOn = [
  'SourceImageId',
  'RootSnapshotId',
  'RootDeviceName',
  'Architecture',
  'BootMode',
  'Name',
  'SriovNetSupport',
  'EnaSupport',
  'DriverConfirmed',
] as const;

export { replaceOn, sriovAmiSchema };
export type { SriovAmiProperties };

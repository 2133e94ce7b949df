import { ArrayMinSize, IsArray, IsIn, Matches } from 'class-validator';

/** Who may read or write a field (PRF-5): users through the SDK, the App admin through REST. */
export const FieldAccessParties = ['App', 'AppAdmin'] as const;
export type FieldAccessParty = (typeof FieldAccessParties)[number];

/** A custom profile field the app declared (PRF-17 … PRF-21). */
export class ProfileCustomFieldDeclaration {
  /** `Tag_Profile_Custom_` + 1..8 English letters (PRF-18). */
  @Matches(/^Tag_Profile_Custom_[A-Za-z]{1,8}$/)
  key!: string;

  /** Custom fields are string or bytes only (PRF-19). */
  @IsIn(['string', 'bytes'])
  type!: 'string' | 'bytes';

  @IsArray()
  @ArrayMinSize(1)
  @IsIn(FieldAccessParties, { each: true })
  read!: FieldAccessParty[];

  @IsArray()
  @ArrayMinSize(1)
  @IsIn(FieldAccessParties, { each: true })
  write!: FieldAccessParty[];
}

/** A custom friend field the app declared (REL-10); readable and writable by the owner and the admin (AMB-27). */
export class SnsCustomFieldDeclaration {
  /** `Tag_SNS_Custom_` + 1..8 English letters. */
  @Matches(/^Tag_SNS_Custom_[A-Za-z]{1,8}$/)
  key!: string;

  @IsIn(['string', 'bytes'])
  type!: 'string' | 'bytes';
}

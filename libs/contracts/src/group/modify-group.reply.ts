export class ModifyGroupReply {
  /** InfoSeq after the change (unchanged when nothing changed). */
  infoSeq!: number;
  /** Spec names of the fields that changed (`Name`, `MuteAllMember`, `AppDefinedData`, ...). */
  changedFields!: string[];
}

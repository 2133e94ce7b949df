import { IsBoolean, IsInt, IsString } from 'class-validator';

/** A Community topic as get_topic answers it (times in epoch seconds). */
export class TopicView {
  @IsString()
  topicId!: string;

  @IsString()
  groupId!: string;

  @IsString()
  name!: string;

  @IsString()
  introduction!: string;

  @IsString()
  notification!: string;

  @IsString()
  faceUrl!: string;

  @IsString()
  customString!: string;

  /** Who created it (`From_Account` / the client creating it); "" for the App admin. */
  @IsString()
  ownerId!: string;

  @IsInt()
  createTime!: number;

  @IsInt()
  lastMsgTime!: number;

  /** The seq the topic's next message takes (its own line: 1, 2, 3, ...). */
  @IsInt()
  nextMsgSeq!: number;

  @IsBoolean()
  muteAllMember!: boolean;
}

export class JoinRequestView {
  applicantId!: string;
  message!: string;
  /** Epoch seconds. */
  createdAt!: number;
}

/** The addresses callbacks leave the platform from (ConfigSvc/GetIPList), for allow-listing. */
export class EgressIpsReply {
  ips!: string[];
}

// Types for the official npm package (CommonJS, ships none); used by the interop specs only.
// Imported by file: its package.json lists `main` twice (first a missing TLSSigAPI.js), which
// Jest's resolver (unrs-resolver) cannot resolve, while Node takes the last one.
declare module 'tls-sig-api-v2/TLSSigAPIv2.js' {
  export class Api {
    constructor(sdkappid: number, key: string);
    genUserSig(userid: string, expire: number): string;
    genSig(userid: string, expire: number, userBuf: Buffer | null): string;
    genPrivateMapKey(userid: string, expire: number, roomid: number, privilegeMap: number): string;
  }
}

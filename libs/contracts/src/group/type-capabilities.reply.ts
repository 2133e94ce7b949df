import type { GroupTypeCapabilities } from './group-type-capabilities';

export class TypeCapabilitiesReply {
  types!: GroupTypeCapabilities[];
}

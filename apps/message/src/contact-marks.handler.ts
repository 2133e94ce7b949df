import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import {
  CreateContactGroupRequest,
  DeleteContactGroupsRequest,
  GetContactGroupsRequest,
  MarkContactsRequest,
  MessageRpc,
  SearchContactGroupsRequest,
  UpdateContactGroupRequest,
} from '@im/contracts';
import type {
  CallerContext,
  ContactGroupsReply,
  CreateContactGroupReply,
  DeleteContactGroupsReply,
  MarkContactsReply,
  UpdateContactGroupReply,
} from '@im/contracts';
import { Caller } from '@im/platform';

import { ContactMarksService } from './contact-marks.service';

/** NATS handlers of conversation groups and marks (recentcontact/*_contact_group, mark_contact). */
@Controller()
export class ContactMarksHandler {
  constructor(private readonly contacts: ContactMarksService) {}

  @MessagePattern(MessageRpc.CreateContactGroup)
  createContactGroup(
    @Payload() req: CreateContactGroupRequest,
    @Caller() caller: CallerContext,
  ): Promise<CreateContactGroupReply> {
    return this.contacts.createGroup(caller, req);
  }

  @MessagePattern(MessageRpc.UpdateContactGroup)
  updateContactGroup(
    @Payload() req: UpdateContactGroupRequest,
    @Caller() caller: CallerContext,
  ): Promise<UpdateContactGroupReply> {
    return this.contacts.updateGroup(caller, req);
  }

  @MessagePattern(MessageRpc.DeleteContactGroups)
  deleteContactGroups(
    @Payload() req: DeleteContactGroupsRequest,
    @Caller() caller: CallerContext,
  ): Promise<DeleteContactGroupsReply> {
    return this.contacts.deleteGroups(caller, req);
  }

  @MessagePattern(MessageRpc.GetContactGroups)
  getContactGroups(
    @Payload() req: GetContactGroupsRequest,
    @Caller() caller: CallerContext,
  ): Promise<ContactGroupsReply> {
    return this.contacts.getGroups(caller, req);
  }

  @MessagePattern(MessageRpc.SearchContactGroups)
  searchContactGroups(
    @Payload() req: SearchContactGroupsRequest,
    @Caller() caller: CallerContext,
  ): Promise<ContactGroupsReply> {
    return this.contacts.searchGroups(caller, req);
  }

  @MessagePattern(MessageRpc.MarkContacts)
  markContacts(
    @Payload() req: MarkContactsRequest,
    @Caller() caller: CallerContext,
  ): Promise<MarkContactsReply> {
    return this.contacts.mark(caller, req);
  }
}

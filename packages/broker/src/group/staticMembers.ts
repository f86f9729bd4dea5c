/**
 * A group's static members (KIP-345): each group.instance.id and the member id that holds it now.
 */
export class StaticMembers {
  private readonly holders = new Map<string, string>();

  /** How many instance ids are held. */
  get size(): number {
    return this.holders.size;
  }

  /** The member id that holds `instanceId`, if any. */
  holder(instanceId: string): string | undefined {
    return this.holders.get(instanceId);
  }

  /** Makes `memberId` the holder of `instanceId`, replacing any previous holder. */
  claim(instanceId: string, memberId: string): void {
    this.holders.set(instanceId, memberId);
  }

  /** Frees `instanceId` if `memberId` still holds it (a replaced holder frees nothing). */
  release(instanceId: string | null, memberId: string): void {
    if (instanceId !== null && this.holders.get(instanceId) === memberId) this.holders.delete(instanceId);
  }

  /** Whether `instanceId` is held by a member other than `memberId` (Kafka's isStaticMemberFenced). */
  fences(instanceId: string | null, memberId: string): boolean {
    if (instanceId === null) return false;
    const holder = this.holders.get(instanceId);
    return holder !== undefined && holder !== memberId;
  }

  /** The member id a request names: its own, or, when empty, the holder of its instance id. */
  resolve(memberId: string, instanceId: string | null): string | undefined {
    return instanceId !== null && memberId === '' ? this.holders.get(instanceId) : memberId;
  }
}

import { z } from 'zod';
import { quantitySchema } from '../engine/schemas.js';
import type { Message, MessageFate } from '../net/message.js';
import type { Packet } from '../net/packet.js';
import type { FlowPort, TransportDefinition, TransportReceiver, TransportSender } from './transport.js';

const schema = z.strictObject({
  protocol: z.literal('datagram'),
  headerSize: quantitySchema('size').default(0).meta({ description: 'header bytes added to each packet' }),
});

export type DatagramConfig = z.output<typeof schema>;

/** Fire and forget: each message is sent once; a lost copy is a lost message. */
class DatagramSender implements TransportSender {
  private nextSequence = 0;
  readonly outstanding = 0;

  constructor(private readonly port: FlowPort) {}

  submit(message: Message): void {
    this.port.sendData(message, this.nextSequence++, false);
  }

  onAck(): void {}

  onDataLost(packet: Packet, fate: MessageFate): void {
    if (packet.message) this.port.abandon(packet.message, fate);
  }

  crash(): void {}

  recover(): void {}
}

class DatagramReceiver implements TransportReceiver {
  constructor(private readonly port: FlowPort) {}

  onData(packet: Packet): void {
    // Like UDP, every copy goes up; the port counts copies of an already delivered message.
    this.port.deliver(packet.message!, packet);
  }

  crash(): void {}

  recover(): void {}
}

/** `datagram`: no acknowledgements, no retransmission. */
export const datagram: TransportDefinition<DatagramConfig> = {
  id: 'datagram',
  description: 'no acknowledgements: each message is sent once and may be lost',
  acknowledged: false,
  keepsDataPackets: false,
  closedForm: () => ({ model: 'unacknowledged' }),
  schema: () => schema,
  createSender: (port) => new DatagramSender(port),
  createReceiver: (port) => new DatagramReceiver(port),
};

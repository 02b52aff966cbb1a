import { saveService } from '@/src/appointments/save-scheduling';
import type { Command } from '../command';
import { listOption, numberOption } from '../list-option';
import { stringOption } from '../string-option';

export const serviceCommand: Command = {
  name: 'service',
  summary: 'Services: duration, buffer, price, branches',
  subcommands: {
    create: {
      summary: 'Create a service, or update the one with that name',
      usage:
        "service create --tenant S --name N --minutes 45 [--buffer 10] [--price 800] [--price-max 1200]\n    [--currency MXN] [--branches 'A,B' (default: every branch)]",
      options: {
        tenant: { type: 'string' },
        name: { type: 'string' },
        minutes: { type: 'string' },
        buffer: { type: 'string' },
        price: { type: 'string' },
        'price-max': { type: 'string' },
        currency: { type: 'string' },
        branches: { type: 'string' },
      },
      required: ['tenant', 'name', 'minutes'],
      async run({ db, values, print }) {
        const service = await saveService(db, stringOption(values.tenant)!, {
          name: stringOption(values.name)!,
          minutes: numberOption(values.minutes, 'minutes')!,
          bufferMinutes: numberOption(values.buffer, 'buffer'),
          price: numberOption(values.price, 'price'),
          priceMax: numberOption(values['price-max'], 'price-max'),
          currency: stringOption(values.currency) ?? undefined,
          branches: listOption(values.branches),
        });
        const price =
          service.price_min === null
            ? 'no price'
            : service.price_max !== null && service.price_max !== service.price_min
              ? `${service.price_min}-${service.price_max} ${service.currency}`
              : `${service.price_min} ${service.currency}`;
        print(
          `Saved service ${service.name} (${service.id}): ${service.duration_minutes} min + ${service.buffer_minutes} min buffer, ${price}, ${service.branch_ids.length} branch(es)`,
          service,
        );
      },
    },
  },
};

import type { Messages } from '@/src/i18n/messages-es';
import { ui } from '@/src/ui/styles';
import { AiSectionForm, AiText, type SectionAction } from './ai-section-form';
import type { AiSettings } from './load-ai-settings';

type Service = Partial<AiSettings['knowledge']['services'][number]>;
type Faq = Partial<AiSettings['knowledge']['faqs'][number]>;

export function AiKnowledgeSection(props: {
  settings: AiSettings;
  tenantSlug: string;
  canEdit: boolean;
  t: Messages;
  action: SectionAction;
}) {
  const a = props.t.ai;
  const faqs: Faq[] = [...props.settings.knowledge.faqs, {}];
  const services: Service[] = [...props.settings.knowledge.services, {}];
  return (
    <AiSectionForm
      section="knowledge"
      title={a.sections.knowledge}
      intro={a.sectionIntro.knowledge}
      {...props}
    >
      <h3 className="text-sm font-semibold text-slate-900">{a.faqs}</h3>
      <p className={ui.muted}>{a.faqsHelp}</p>
      <div className="space-y-3">
        {faqs.map((faq, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional form fields
          <div key={index} className="grid gap-2 rounded-lg bg-slate-50 p-3 md:grid-cols-2">
            <AiText name={`faq.${index}.question`} label={a.question} defaultValue={faq.question ?? ''} />
            <AiText name={`faq.${index}.answer`} label={a.answer} rows={2} defaultValue={faq.answer ?? ''} />
          </div>
        ))}
      </div>
      <h3 className="text-sm font-semibold text-slate-900">{a.services}</h3>
      <p className={ui.muted}>{a.servicesHelp}</p>
      <div className="space-y-3">
        {services.map((service, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional form fields
          <div key={index} className="grid gap-2 rounded-lg bg-slate-50 p-3 sm:grid-cols-2 xl:grid-cols-4">
            <AiText name={`service.${index}.name`} label={a.serviceName} defaultValue={service.name ?? ''} />
            <AiText
              name={`service.${index}.price`}
              label={a.servicePrice}
              defaultValue={service.price ?? ''}
            />
            <AiText
              name={`service.${index}.duration`}
              label={a.serviceDuration}
              defaultValue={service.duration ?? ''}
            />
            <AiText
              name={`service.${index}.description`}
              label={a.serviceDescription}
              defaultValue={service.description ?? ''}
            />
          </div>
        ))}
      </div>
      <p className={ui.muted}>{a.blankRowsHelp}</p>
    </AiSectionForm>
  );
}

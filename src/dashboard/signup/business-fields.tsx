'use client';

import { useState } from 'react';
import { countryTimeZones } from '@/src/accounts/business-options';
import { proposeSlug } from '@/src/accounts/propose-slug';
import { ui } from '@/src/ui/styles';

type Labels = {
  businessName: string;
  slug: string;
  slugHint: string;
  country: string;
  timezone: string;
  timezoneHint: string;
};

// Name, address (proposed from the name until the person edits it), country and time zone
// (following the country until the person picks one).
export function BusinessFields({
  labels,
  countries,
  timeZones,
  initial,
}: {
  labels: Labels;
  countries: { value: string; label: string }[];
  timeZones: string[];
  initial: { businessName: string; slug: string; country: string; timezone: string };
}) {
  const [name, setName] = useState(initial.businessName);
  const [slug, setSlug] = useState(initial.slug);
  const [slugEdited, setSlugEdited] = useState(
    initial.slug !== '' && initial.slug !== proposeSlug(initial.businessName),
  );
  const [country, setCountry] = useState(initial.country);
  const [timezone, setTimezone] = useState(initial.timezone);
  const shownSlug = slugEdited ? slug : name ? proposeSlug(name) : '';
  return (
    <>
      <div>
        <label htmlFor="business-name" className={ui.label}>
          {labels.businessName}
        </label>
        <input
          id="business-name"
          name="businessName"
          required
          maxLength={200}
          value={name}
          onChange={(event) => setName(event.target.value)}
          className={ui.input}
        />
      </div>
      <div>
        <label htmlFor="business-slug" className={ui.label}>
          {labels.slug}
        </label>
        <input
          id="business-slug"
          name="slug"
          required
          pattern="[a-z0-9][a-z0-9\-]{1,62}"
          value={shownSlug}
          onChange={(event) => {
            setSlugEdited(true);
            setSlug(event.target.value);
          }}
          aria-describedby="business-slug-hint"
          className={`${ui.input} font-mono`}
        />
        <p id="business-slug-hint" className={ui.help}>
          {labels.slugHint.replace('{slug}', shownSlug || 'mi-negocio')}
        </p>
      </div>
      <div>
        <label htmlFor="business-country" className={ui.label}>
          {labels.country}
        </label>
        <select
          id="business-country"
          name="country"
          value={country}
          onChange={(event) => {
            setCountry(event.target.value);
            setTimezone(countryTimeZones[event.target.value] ?? timezone);
          }}
          className={ui.input}
        >
          {countries.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="business-timezone" className={ui.label}>
          {labels.timezone}
        </label>
        <select
          id="business-timezone"
          name="timezone"
          value={timezone}
          onChange={(event) => setTimezone(event.target.value)}
          aria-describedby="business-timezone-hint"
          className={ui.input}
        >
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
        <p id="business-timezone-hint" className={ui.help}>
          {labels.timezoneHint}
        </p>
      </div>
    </>
  );
}

export type { Labels as BusinessFieldLabels };

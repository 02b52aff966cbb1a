import { messagesEn } from './messages-en';
import { type Messages, messagesEs } from './messages-es';

export function messagesFor(language: string | undefined): Messages {
  return language === 'en' ? messagesEn : messagesEs;
}

import { redirect } from 'next/navigation';

// The dashboard is the app: go pick a tenant (the sign-in page if signed out).
export default function HomePage() {
  redirect('/t');
}

import { config } from 'dotenv';

// Both files are read; .gitignore keeps out only one of them (reported at the .gitignore, where the fix goes).
config({ path: ['.env.local', '.env.secrets'] });

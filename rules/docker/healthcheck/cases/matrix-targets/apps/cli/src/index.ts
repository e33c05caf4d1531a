const [command = 'help'] = process.argv.slice(2);
console.log(`acme ${command}`);

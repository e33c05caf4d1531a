FROM node:22-alpine
ENV NODE_ENV=production \
    STRIPE_SECRET_KEY=fake-stripe-key-4eC39HqLyjWDarj
#                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ literalSecret
CMD ["node", "server.js"]
